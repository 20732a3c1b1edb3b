"""Many games at once: batch simulation, paired experiments, and the figures they print."""
