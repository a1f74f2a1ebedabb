# Calls gc.collect() before every load, hoping to free the previous day. The previous day
# is not garbage: the name `sales` still refers to it, and nothing is in a cycle. Wrong.
import gc


def nightly_report(days, load_day, upload):
    totals = {}
    for day in days:
        gc.collect()
        sales = load_day(day)
        totals[day] = round(sum(sales), 2)
    gc.collect()
    upload(totals)
    return totals
