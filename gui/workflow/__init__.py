"""Long-running work, free of Qt: reviewing a dataset record by record, batch
runs over a whole dataset, and the helper process that normalizes and explains
huge texts for the window, with the compact summaries it sends back.
"""
