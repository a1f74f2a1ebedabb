# Streams the days with `for sales in map(load_day, days)`, believing a lazy map loads one
# day at a time. It does, but the loop variable still holds the previous day while map
# loads the next one, and the last day after the loop. Wrong.
def nightly_report(days, load_day, upload):
    totals = {}
    days = list(days)
    for day, sales in zip(days, map(load_day, days), strict=True):
        totals[day] = round(sum(sales), 2)
    upload(totals)
    return totals
