"""Run once in the learner's interpreter when an instance is prepared, before its memory snapshot.

Standard-library modules imported here cost a learner's ``import`` nothing
(every run starts from the image that has them); the rest import on demand,
from source.  The audit hook refuses unmarshalling code in the learner's
interpreter, so ``ntpath`` (for pathlib), the one frozen module CPython does
not load at start-up, is loaded here, before the hook exists.
"""

import abc  # noqa: F401
import array  # noqa: F401
import bisect  # noqa: F401
import collections  # noqa: F401
import collections.abc  # noqa: F401
import contextlib  # noqa: F401
import copy  # noqa: F401
import dataclasses  # noqa: F401
import datetime  # noqa: F401
import decimal  # noqa: F401
import enum  # noqa: F401
import fnmatch  # noqa: F401
import fractions  # noqa: F401
import functools  # noqa: F401
import gc  # noqa: F401
import heapq  # noqa: F401
import importlib.machinery  # noqa: F401
import importlib.util  # noqa: F401
import io
import itertools  # noqa: F401
import json  # noqa: F401
import linecache  # noqa: F401
import math  # noqa: F401
import ntpath  # noqa: F401
import operator  # noqa: F401
import os  # noqa: F401
import pickle  # noqa: F401
import random  # noqa: F401
import re  # noqa: F401
import runpy  # noqa: F401
import statistics  # noqa: F401
import string  # noqa: F401
import sys
import textwrap  # noqa: F401
import time  # noqa: F401
import traceback  # noqa: F401
import types  # noqa: F401
import typing  # noqa: F401
import unittest  # noqa: F401
import weakref  # noqa: F401

# Unbuffered: what the learner's code prints reaches the host's capture of fd 1 and 2 at once.
sys.stdout = io.TextIOWrapper(
    io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True
)
sys.stderr = io.TextIOWrapper(
    io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True
)
