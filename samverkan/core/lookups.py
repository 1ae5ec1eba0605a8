"""Database lookups the project adds to Django's: `in` on integer columns ignores values the
column cannot hold.

Django answers `exact`, `lt` and the like with a value beyond the column's range as "nothing
matches"; `in` sent it to the database, which refused it (SQLite: OverflowError; PostgreSQL:
out of range), so a multiple choice given 99999999999999999999 was a server error on every
form. Registered for every integer column, so every form, page and API filter is covered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import IntegerField
from django.db.models.lookups import In

if TYPE_CHECKING:
    InLookup = In[Any]
else:  # the lookups are not subscriptable at run time
    InLookup = In


@IntegerField.register_lookup
class IntegerFieldIn(InLookup):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
