namespace ModelCheck.Maps.SwissMap;

/// <summary>
/// Ghost event: a rehash finished inside one insert. <see cref="Old"/> (null for growToTable, which
/// replaces the small group) is now stale and must never change again (SW-7); <see cref="Moved"/> entries
/// were copied at once, the latency the classic map spreads over later writes.
/// </summary>
internal readonly record struct TableReplaced(SwissMap Map, Table? Old, IReadOnlyList<Table> New, int Moved);
