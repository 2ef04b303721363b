namespace ModelCheck.Engine;

/// <summary>
/// A model object that names the controlled objects it owns only when someone reads those names (a node
/// names its cells "k5.val" and "k5.next" and its lock "monitor(k5)"): objects made in every execution
/// then build no name strings, which only traces and messages show.
/// </summary>
public interface INameSource
{
    /// <summary>The name of the owned object made as part <paramref name="part"/>.</summary>
    string NameOf(int part);
}
