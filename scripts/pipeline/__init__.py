"""The build pipeline, one module per stage: load → validate → model → render → write, wired by run.py.

registry.py lists the collections of records, paths.py every page address, problems.py the findings a check
reports; text.py holds the text helpers every stage shares.
"""
