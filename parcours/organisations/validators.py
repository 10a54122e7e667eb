from django.core.exceptions import ValidationError
from stdnum.fr import siret


def validate_siret(value: str) -> None:
    """14 digits whose Luhn key is right (python-stdnum), with a message an HR manager reads."""
    if not siret.is_valid(value or ""):
        raise ValidationError(
            "Le SIRET « %(value)s » n'est pas valide : il faut 14 chiffres et une clé de "
            "contrôle juste (vérifiez-le sur l'avis de situation Insee).",
            code="invalid_siret",
            params={"value": value},
        )
