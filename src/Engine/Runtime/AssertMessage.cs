using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

/// <summary>
/// Builds an assertion's interpolated message only when the assertion fails, so a passing assertion
/// on the hot path formats nothing.
/// </summary>
[InterpolatedStringHandler]
public ref struct AssertMessage
{
    DefaultInterpolatedStringHandler inner;
    readonly bool active;

    public AssertMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        active = !condition;
        shouldAppend = active;
        inner = active ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => inner.AppendLiteral(value);
    public void AppendFormatted<T>(T value) => inner.AppendFormatted(value);
    public void AppendFormatted<T>(T value, string? format) => inner.AppendFormatted(value, format);

    internal string ToStringAndClear() => active ? inner.ToStringAndClear() : "";
}
