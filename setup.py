"""The package list for setuptools; everything else about the build is in pyproject.toml.

Every package under campaignkit/ is found automatically, so a new subpackage cannot be left out of
the wheel, and the bundled fonts and CMYK profile, kept in assets/ in the repository, install as
campaignkit.assets.fonts and campaignkit.assets.icc (pyproject.toml maps the folders). tests/test_distribution.py checks that the
wheel holds every module and data file of the source tree.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["campaignkit", "campaignkit.*"], exclude=["*.__pycache__"]),
                "campaignkit.assets.fonts", "campaignkit.assets.icc"])
