"""The rules that own their checks (see :mod:`fcheck.checks.catalogue`).

Importing the package imports none of its modules: a rule module imports
:mod:`fcheck.checks.registry`, which must not run the others first.
"""
