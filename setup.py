"""The package list for setuptools; everything else about the build is in pyproject.toml.

Every package under campaignkit/ is found automatically, so a new subpackage cannot be left out of
the wheel, and the bundled fonts, kept in assets/fonts in the repository, install as
campaignkit.assets.fonts (pyproject.toml maps the folder). tests/test_distribution.py checks that the
wheel holds every module and data file of the source tree.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["campaignkit", "campaignkit.*"], exclude=["*.__pycache__"]),
                "campaignkit.assets.fonts"])
