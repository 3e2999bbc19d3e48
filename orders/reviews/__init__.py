"""Reviews of retouchers by their clients: moderation, rating, what a showcase shows."""
