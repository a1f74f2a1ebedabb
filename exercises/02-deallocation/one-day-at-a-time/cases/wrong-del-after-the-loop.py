# Deletes `sales` after the loop, before the upload: nothing is held during the upload,
# but inside the loop each load still happens while the previous day is bound. Wrong.
def nightly_report(days, load_day, upload):
    totals = {}
    sales = None
    for day in days:
        sales = load_day(day)
        totals[day] = round(sum(sales), 2)
    del sales
    upload(totals)
    return totals
