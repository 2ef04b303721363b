using System.Reflection;

namespace ModelCheck.Maps;

/// <summary>Where the built-in scenarios live, for the command line and the tests to discover them.</summary>
public static class MapsAssembly
{
    public static Assembly Assembly => typeof(MapsAssembly).Assembly;
}
