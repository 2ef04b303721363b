using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.Wrapped;

/// <summary>
/// The usual ways Go programs make a built-in map safe to share: the same three operations, so one
/// workload can run against each of them.
/// </summary>
public interface IGoMapWrapper
{
    ValueTask<(bool Found, int Value)> Load(GoKey key);
    ValueTask Store(GoKey key, int value);
    ValueTask Delete(GoKey key);
}
