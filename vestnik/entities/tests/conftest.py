import pytest


@pytest.fixture(scope="session")
def extract():
    """extract_entities with its models loaded once for the whole session."""
    from vestnik.entities.extraction import extract_entities

    extract_entities("Михаил Жилин уехал в Казахстан.")
    return extract_entities
