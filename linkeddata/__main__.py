"""``python -m linkeddata``: the ``ld-export`` command line, for when its script is not on the PATH."""

from .cli import main

if __name__ == "__main__":
    main()
