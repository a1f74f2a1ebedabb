# Computes each total in a helper: the day's list is a local of the helper's frame and
# is freed when the helper returns, before the next day is loaded. Right.
def nightly_report(days, load_day, upload):
    def day_total(day):
        return round(sum(load_day(day)), 2)

    totals = {day: day_total(day) for day in days}
    upload(totals)
    return totals
