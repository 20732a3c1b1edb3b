"""Classroom sessions: the facilitator's controls, the session's exports, and the class report."""
