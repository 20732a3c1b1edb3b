"""Charts of meters over turns, drawn with pygame alone.

A leaf: it imports pygame and the game's colours and nothing of the UI or the classroom, so the
screens draw their charts with it and the classroom's exports write theirs as PNG without
importing the UI.
"""
