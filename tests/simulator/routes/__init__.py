# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module of this package registers its procedures with @route; load_all() imports them all."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import pkgutil


def load_all():
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_") or info.name == "__init__":
            importlib.import_module("%s.%s" % (__name__, info.name))
