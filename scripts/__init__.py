"""Build tool of the practice library: load → validate → model → render → write.

Each stage is a module of pure functions; `cli` only wires them together.
"""
