using System.Reflection;
using System.Text;

namespace ModelCheck.Engine;

/// <summary>
/// A scenario's version: a hash of its declaration (name, contract, settings it pins) and of the build of
/// the code it runs (the module version ids of its assembly and of the engine, which a deterministic build
/// keeps while the code is unchanged). Shard reports carry it, so `merge` refuses to join parts of two
/// different versions of a scenario: their spaces need not be the same.
/// </summary>
public static class ScenarioFingerprint
{
    public static string Of(string declaration, Module code)
    {
        var text = $"{declaration}\n{code.ModuleVersionId:N}\n{typeof(Runtime).Module.ModuleVersionId:N}";
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) h = (h ^ b) * 0x100000001B3UL;
        return h.ToString("x16");
    }
}
