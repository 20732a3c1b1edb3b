"""The modders' contract: the level file format, its loader with located errors, the catalogue."""

from game.levels.loader import Catalogue, compile_file, load_level_file, load_shipped
from game.levels.problems import LevelError, Problem

__all__ = ["Catalogue", "LevelError", "Problem", "compile_file", "load_level_file", "load_shipped"]
