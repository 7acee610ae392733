# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""redis router: create, one, remove (others add update, deploy, ... here)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ._database import register

create, one, remove = register("redis")
