"""A game in progress: replay logs, transcripts, saves and exports (reads and writes files)."""
