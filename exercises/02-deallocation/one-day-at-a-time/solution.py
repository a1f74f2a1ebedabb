def nightly_report(days, load_day, upload):
    """Sums each day's sales and uploads {day: total} once, at the end."""
    totals = {}
    for day in days:
        sales = load_day(day)
        totals[day] = round(sum(sales), 2)
        # `sales = load_day(day)` rebinds the name only after the next day is loaded,
        # so without this both days would be alive at once; and the last day would
        # stay alive during the upload.
        del sales
    upload(totals)  # slow: waits on the accounting service
    return totals
