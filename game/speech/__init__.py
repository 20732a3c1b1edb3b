"""What the game says to a person in their language, with no window: the names of sides, states,
meters and limits, a summit's terms, and the engine's and the AI's sentences (game.core.words.Said)
translated through game.i18n. The window (game.ui) and the classroom's exports and report
(game.classroom) both speak through it, so it imports neither, and no pygame."""
