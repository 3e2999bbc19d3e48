"""The visitor's address, as every rate limit of the site must see it."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def client_ip(request) -> str:
    """The client's IP address, read the way allauth's own rate limits read it: behind
    `ALLAUTH_TRUSTED_PROXY_COUNT` proxies from `X-Forwarded-For`, else from
    `ALLAUTH_TRUSTED_CLIENT_IP_HEADER`, else `REMOTE_ADDR`. A forged header is ignored while no
    proxy is configured."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"
