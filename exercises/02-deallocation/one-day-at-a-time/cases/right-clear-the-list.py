# Empties each day's list once its total is known: the list object stays bound until
# the next rebinding, but the amounts and its storage are freed at once. Right.
def nightly_report(days, load_day, upload):
    totals = {}
    for day in days:
        sales = load_day(day)
        totals[day] = round(sum(sales), 2)
        sales.clear()
    upload(totals)
    return totals
