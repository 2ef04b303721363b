namespace ModelCheck.Maps.GoMap;

/// <summary>
/// A map key whose 64-bit hash the scenario chooses, so collisions, bucket indices, tophash bytes and
/// the X/Y split of a doubling grow are all under the scenario's control. Keys are equal when their
/// names are; the .NET hash code is derived from <see cref="Hash"/> so that ghost dictionaries never
/// depend on process-randomised string hashing. An <see cref="Unhashable"/> key makes the hasher panic,
/// as hashing an interface holding a slice does in Go.
/// </summary>
public sealed class GoKey(string name, ulong hash, bool unhashable = false) : IEquatable<GoKey>
{
    public string Name { get; } = name;
    public ulong Hash { get; } = hash;
    public bool Unhashable { get; } = unhashable;

    public bool Equals(GoKey? other) =>
        ReferenceEquals(this, other) || (other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal));

    /// <summary>The maps' key comparison (Go's == on keys; null is the zero key), without object.Equals' virtual call and cast.</summary>
    public static bool Same(GoKey? a, GoKey? b) => ReferenceEquals(a, b) || (a is not null && a.Equals(b));
    public override bool Equals(object? obj) => Equals(obj as GoKey);
    public override int GetHashCode() => (int)(Hash ^ (Hash >> 32));
    public override string ToString() => Name;

    /// <summary>The map's hasher: the zero key hashes to 0; an unhashable key panics (before any write begins, in both Go maps).</summary>
    public static ulong HashOf(GoKey? key)
    {
        if (key is null) return 0;
        if (key.Unhashable) throw new GoPanicException($"runtime error: hash of unhashable type ({key.Name})");
        return key.Hash;
    }
}

/// <summary>A Go panic (recoverable, unlike a runtime fatal): here, hashing an unhashable key.</summary>
public sealed class GoPanicException(string message) : Exception(message);
