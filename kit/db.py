"""The base of every domain model: created/updated at and by, remark, optimistic-lock version,
per-action permissions; soft delete (recycle bin); the scoped queryset (`visible_to`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone

from kit.scope import ScopeSpec, scope_q

M = TypeVar("M", bound=models.Model)


def perm_name(model: type[models.Model], action: str) -> str:
    """'view' on core.Person → 'core.view_person' (Django's codename form)."""
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: Any, action: str = "view") -> ScopedQuerySet:
        """Rows `user` may take `action` on: permission first, then the data scope.
        Anonymous or inactive users, and users without the permission, get nothing."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        perm = perm_name(self.model, action)
        if not user.has_perm(perm):
            return self.none()
        spec: ScopeSpec = getattr(self.model, "scope", ScopeSpec())
        q = scope_q(spec, user.scope_for(perm), user.pk)
        return self if q is None else self.filter(q)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    pass


class LiveManager(ScopedManager):
    """Hides soft-deleted rows."""

    def get_queryset(self) -> ScopedQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


KIT_ACTIONS = ("add", "change", "delete", "view", "import", "export")


class BaseModel(models.Model):
    """created/updated at and by, remark, optimistic-lock version. Every domain model extends it."""

    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更新人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    remark = models.TextField("备注", blank=True, max_length=2000)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    objects = ScopedManager()

    scope: ClassVar[ScopeSpec] = ScopeSpec()
    # fields holding personal data: masked in audit rows and for users without view_pii
    pii_fields: ClassVar[tuple[str, ...]] = ()
    # the relations __str__ reads (e.g. ("person",)): lists select them with any column showing the row
    str_select: ClassVar[tuple[str, ...]] = ()
    # fields left out of audit diffs (derived or noisy)
    audit_exclude: ClassVar[tuple[str, ...]] = ("updated_at", "updated_by", "version")
    # the relation whose org a row takes when none is given (e.g. "enterprise"): set before validation
    org_from: ClassVar[str] = ""

    class Meta:
        abstract = True
        default_permissions = KIT_ACTIONS

    def clean_fields(self, exclude: Any = None) -> None:
        if self.org_from and getattr(self, "org_id", None) is None:
            related_id = getattr(self, f"{self.org_from}_id")
            if related_id is not None:
                related: Any = self._meta.get_field(self.org_from).related_model
                rows = related._base_manager.filter(pk=related_id)  # deleted rows too, no scope
                self.org_id = rows.values_list("org_id", flat=True).first()
        super().clean_fields(exclude=exclude)

    def audit_snapshot(self) -> dict[str, Any]:
        """Field values for audit diffs, PII masked."""
        from kit.pii import mask_value, pii_fields_of

        pii = pii_fields_of(type(self))
        data: dict[str, Any] = {}
        for f in self._meta.concrete_fields:
            if f.name in self.audit_exclude or f.name.endswith("_bidx"):
                continue
            value = getattr(self, f.attname)
            if f.name in pii:
                value = mask_value(f.name, value)
            data[f.name] = _jsonable(value)
        return data


class SoftDeleteModel(BaseModel):
    """Rows users expect to restore go to the recycle bin (回收站) instead of disappearing."""

    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="删除人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveManager()  # type: ignore[misc]
    all_objects = ScopedManager()

    class Meta:
        abstract = True
        default_permissions = KIT_ACTIONS


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def exact_sum(qs: Any, field: str) -> Decimal:
    """The sum of a decimal column, exact: PostgreSQL adds NUMERIC exactly; SQLite keeps decimals as
    binary floating point, so there the values are added here, as Decimals."""
    from django.db import connections

    if connections[qs.db].vendor == "sqlite":
        return sum((v for v in qs.values_list(field, flat=True) if v is not None), Decimal("0"))
    return qs.aggregate(s=models.Sum(field))["s"] or Decimal("0")


def bulk_insert(model: type[M], objs: list[M]) -> list[M]:
    """New rows written in bulk, their ids set, no signals (as `bulk_create`): PostgreSQL takes
    them by `COPY` — ids drawn from the table's sequence first, every value prepared by its field
    exactly as an INSERT would (defaults, `auto_now`, encryption, JSON) — which spares Django's
    statement compilation and the client-side quoting of its UNNEST arrays; other databases by
    `bulk_create`. Used by the Excel import and the audit log's bulk writes."""
    alias = router.db_for_write(model)
    connection = connections[alias]
    opts = model._meta
    pk: Any = opts.pk
    fields = [f for f in opts.concrete_fields if f is not pk and not getattr(f, "generated", False)]
    plain = (
        connection.vendor == "postgresql"
        and pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")
        and all(obj.pk is None for obj in objs)
        and not any(f.has_db_default() for f in fields)
    )
    if not plain:  # ids given or not from a sequence, defaults computed by the database …
        return model._default_manager.bulk_create(objs, batch_size=1000)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(opts.db_table), pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(quote(f.column) for f in (pk, *fields))
        with cursor.cursor.copy(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN") as copy:
            for obj, pk_value in zip(objs, ids, strict=True):
                obj.pk = pk_value
                copy.write_row([pk_value, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return objs
