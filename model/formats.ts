import { FormatRegistry } from '@sinclair/typebox';

// TypeBox's Value.Check knows no string formats by itself; register the ones the model uses.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set(
    'date-time',
    (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  );
}
if (!FormatRegistry.Has('email')) {
  FormatRegistry.Set('email', (v) => /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}$/.test(v));
}
