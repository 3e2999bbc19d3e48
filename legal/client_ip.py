"""The visitor's address, as every rate limit of the site must see it.

Behind the load balancer REMOTE_ADDR is the balancer's address, shared by every visitor. allauth
reads the real client from X-Forwarded-For (ALLAUTH_TRUSTED_PROXY_COUNT: that many proxies of
ours append to it, so the entry that many places from the end is the one the client could not
forge) or from one header a trusted proxy sets (ALLAUTH_TRUSTED_CLIENT_IP_HEADER); with neither
configured the headers are ignored and REMOTE_ADDR counts. Our own limits use the same answer
as allauth's login and sign-up limits, through its adapter.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def client_ip(request) -> str:
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # X-Forwarded-For shorter than the configured proxy count
        return "unknown"
