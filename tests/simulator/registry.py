# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route registry, the handler error type and the empty-body marker."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_SUPPORTED",
    408: "TIMEOUT",
    409: "CONFLICT",
    412: "PRECONDITION_FAILED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "UNPROCESSABLE_CONTENT",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL_SERVER_ERROR",
    501: "NOT_IMPLEMENTED",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


class _Empty(object):
    """Return this (EMPTY) from a handler for an HTTP 200 with a zero-length body."""

    def __repr__(self):
        return "EMPTY"


EMPTY = _Empty()


class ApiError(Exception):
    """Raise from a handler: becomes `{"message","code","data":{"code","httpStatus","path","zodError":null}}`."""

    def __init__(self, status, message, code=None):
        super(ApiError, self).__init__(message)
        self.status = status
        self.message = message
        self.code = code or HTTP_CODES.get(status, "INTERNAL_SERVER_ERROR")


def not_found(label):
    """`<label> not found` with 404, as Dokploy's findXById."""
    return ApiError(404, "%s not found" % label)


class Route(object):
    def __init__(self, name, func, nonoptional=(), coerce=True):
        self.name = name
        self.func = func
        self.nonoptional = frozenset(nonoptional)
        self.coerce = coerce


ROUTES = {}


def route(name, nonoptional=(), coerce=True):
    """Register a handler `func(state, input, ctx)` for procedure `name` ("router.proc").

    `nonoptional` lists fields that zod declares with `.required()`: missing, they give
    "expected nonoptional, received undefined" and they are not coerced.
    The HTTP method comes from the OpenAPI document.
    """
    def decorator(func):
        ROUTES[name] = Route(name, func, nonoptional=nonoptional, coerce=coerce)
        return func
    return decorator


CONTROLS = {}


def control(name):
    """Register a control endpoint ``/__sim__/<name>``: ``func(sim, method, data) -> (status, body)``.

    Lets a module of the simulator add its own test controls without editing core.py.
    """
    def decorator(func):
        CONTROLS[name] = func
        return func
    return decorator
