"""The REST API machinery: `viewsets` (scoped viewsets and serializers derived from an entity's
declaration, writes through the entity's services), `drf` (pagination, error mapping — DRF's
settings name them), `figures` (a module's figures as JSON)."""
