using System.Text;

namespace ModelCheck.Models.Linearizability;

/// <summary>
/// An argument or result of a recorded operation: null (no value; a read of an absent key), an integer,
/// a boolean, a string, or a list (for results such as LoadOrStore's (actual, loaded) or Range's pairs).
/// Equality is structural and hashing is explicit (FNV-1a over the content), so memoisation tables and
/// anything printed never depend on process-randomised string hashes.
/// </summary>
public readonly struct Value : IEquatable<Value>, IComparable<Value>
{
    enum Kind : byte { Null, Integer, Boolean, Text, List }

    readonly Kind kind;
    readonly long number;
    readonly object? reference; // the string of a Text, the Value[] of a List

    Value(Kind kind, long number, object? reference)
    {
        this.kind = kind;
        this.number = number;
        this.reference = reference;
    }

    public static Value Null => default;

    public static Value List(params Value[] items) => new(Kind.List, 0, items.ToArray());

    public static implicit operator Value(long n) => new(Kind.Integer, n, null);
    public static implicit operator Value(int n) => new(Kind.Integer, n, null);
    public static implicit operator Value(bool b) => new(Kind.Boolean, b ? 1 : 0, null);
    public static implicit operator Value(string s) => new(Kind.Text, 0, s ?? throw new ArgumentNullException(nameof(s)));

    public bool IsNull => kind == Kind.Null;
    public bool IsInteger => kind == Kind.Integer;
    public bool IsBoolean => kind == Kind.Boolean;
    public bool IsList => kind == Kind.List;

    public long AsInteger => kind == Kind.Integer ? number : throw new InvalidOperationException($"{this} is not an integer");
    public bool AsBoolean => kind == Kind.Boolean ? number != 0 : throw new InvalidOperationException($"{this} is not a boolean");
    public IReadOnlyList<Value> Items => kind == Kind.List ? (Value[])reference! : throw new InvalidOperationException($"{this} is not a list");

    public bool Equals(Value other)
    {
        if (kind != other.kind) return false;
        return kind switch
        {
            Kind.Null => true,
            Kind.Integer or Kind.Boolean => number == other.number,
            Kind.Text => string.Equals((string)reference!, (string)other.reference!, StringComparison.Ordinal),
            _ => ((Value[])reference!).AsSpan().SequenceEqual((Value[])other.reference!),
        };
    }

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public static bool operator ==(Value a, Value b) => a.Equals(b);
    public static bool operator !=(Value a, Value b) => !a.Equals(b);

    public override int GetHashCode() => (int)Hash(Fnv.Offset);

    internal ulong Hash(ulong h)
    {
        h = Fnv.Mix(h, (ulong)kind);
        switch (kind)
        {
            case Kind.Integer or Kind.Boolean:
                return Fnv.Mix(h, (ulong)number);
            case Kind.Text:
                foreach (char c in (string)reference!) h = Fnv.Mix(h, c);
                return h;
            case Kind.List:
                foreach (var item in (Value[])reference!) h = item.Hash(h);
                return h;
            default:
                return h;
        }
    }

    /// <summary>A total order (by kind, then content, ordinal for strings), for sorting keys deterministically.</summary>
    public int CompareTo(Value other)
    {
        if (kind != other.kind) return kind.CompareTo(other.kind);
        switch (kind)
        {
            case Kind.Integer or Kind.Boolean:
                return number.CompareTo(other.number);
            case Kind.Text:
                return string.CompareOrdinal((string)reference!, (string)other.reference!);
            case Kind.List:
                var a = (Value[])reference!;
                var b = (Value[])other.reference!;
                for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
                    if (a[i].CompareTo(b[i]) is var c and not 0) return c;
                return a.Length.CompareTo(b.Length);
            default:
                return 0;
        }
    }

    /// <summary>Integers and booleans as in JSON, strings bare (keys read as k2), lists in brackets, null as "null".</summary>
    public override string ToString()
    {
        switch (kind)
        {
            case Kind.Null: return "null";
            case Kind.Integer: return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case Kind.Boolean: return number != 0 ? "true" : "false";
            case Kind.Text: return (string)reference!;
            default:
                var text = new StringBuilder("[");
                var items = (Value[])reference!;
                for (int i = 0; i < items.Length; i++) text.Append(i == 0 ? "" : ", ").Append(items[i].ToString());
                return text.Append(']').ToString();
        }
    }
}

/// <summary>64-bit FNV-1a, fed whole words: a deterministic hash for memoisation keys.</summary>
internal static class Fnv
{
    public const ulong Offset = 14695981039346656037UL;
    const ulong Prime = 1099511628211UL;

    public static ulong Mix(ulong h, ulong word) => (h ^ word) * Prime;
}
