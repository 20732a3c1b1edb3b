"""The game's screens and drawing helpers (pygame): they draw what they are given and change no game state."""
