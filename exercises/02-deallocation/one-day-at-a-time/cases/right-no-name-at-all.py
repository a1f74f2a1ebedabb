# Never names the list: sum() gets it straight from load_day(), and it is freed as soon
# as sum() returns. Right.
def nightly_report(days, load_day, upload):
    totals = {}
    for day in days:
        totals[day] = round(sum(load_day(day)), 2)
    upload(totals)
    return totals
