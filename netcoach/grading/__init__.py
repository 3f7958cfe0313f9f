"""Graded exercises: authoring (masters to starter and solution notebooks), the checks a
learner runs inside a notebook, and the grader that runs nbval on submissions.

* :mod:`netcoach.grading.checks`: ``check(number, label, ok, hint)`` and tolerant comparisons.
* :mod:`netcoach.grading.answers`: reference answers, computed with plain pandas.
* :mod:`netcoach.grading.exercise_checks`: one function per check cell.
* :mod:`netcoach.grading.authoring`: ``netcoach exercises build``.
* :mod:`netcoach.grading.grader`: ``netcoach grade``.
"""
