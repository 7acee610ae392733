# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dokploy v0.30.2 API simulator (test double). See README.md."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .core import Context, Simulator
from .registry import EMPTY, ApiError, not_found, route

__all__ = ["Simulator", "Context", "ApiError", "EMPTY", "not_found", "route"]
