"""The class server (`python -m game serve`): groups on their own laptops send each turn here, the
teacher's dashboard in a browser shows every group live and pauses, injects and ends for all, and
the exports are collected in one place. Starlette and uvicorn serve it; SQLite keeps it.

Nothing in this package imports pygame: the server runs on a teacher's machine without a window.
"""
