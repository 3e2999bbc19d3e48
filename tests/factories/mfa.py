from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret


def totp_activate(user):
    """Give a staff account a second factor, as the admin requires (profiles.middleware)."""
    TOTP.activate(user, generate_totp_secret())
    return user
