from ninja.security import HttpBearer

from parcours.accounts.actions import authenticate_token


class BearerToken(HttpBearer):
    """`Authorization: Bearer <jeton>`; the request then acts as the token's owner."""

    def authenticate(self, request, token):
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user
