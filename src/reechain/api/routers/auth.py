"""Who am I, API tokens and users (REST)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.roles import Role
from reechain.services import auth as auth_service
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api", tags=["auth"])


class UserPublic(BaseModel):
    username: str
    roles: list[Role]

    @classmethod
    def of(cls, user: AuthenticatedUser) -> UserPublic:
        return cls(username=user.username, roles=sorted(user.roles))


class UserCreate(BaseModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]{1,63}$")
    roles: list[Role] = Field(min_length=1)
    password: str = Field(min_length=auth_service.MIN_PASSWORD_LENGTH, max_length=1000)


class TokenCreate(BaseModel):
    name: str = Field(default="", max_length=100)


class TokenPublic(BaseModel):
    token: str
    username: str


@router.get("/me", response_model=UserPublic, summary="The user this request is authenticated as")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.of(user)


@router.post("/tokens", response_model=TokenPublic, status_code=201, summary="A new API token for yourself")
def new_token(body: TokenCreate, c: ContainerDep, user: CurrentUser) -> TokenPublic:
    return TokenPublic(token=auth_service.issue_token(c, user.username, body.name), username=user.username)


@router.get("/users", response_model=list[UserPublic], summary="Every user and their roles (admin)")
def users(
    c: ContainerDep, _: Annotated[AuthenticatedUser, Depends(require_roles(Role.ADMIN))]
) -> list[UserPublic]:
    return [UserPublic.of(u) for u in auth_service.list_users(c)]


@router.post("/users", response_model=UserPublic, status_code=201, summary="Create a user (admin)")
def add_user(
    body: UserCreate, c: ContainerDep, _: Annotated[AuthenticatedUser, Depends(require_roles(Role.ADMIN))]
) -> UserPublic:
    return UserPublic.of(auth_service.create_user(c, body.username, body.roles, body.password))
