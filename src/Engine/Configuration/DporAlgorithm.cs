namespace ModelCheck.Engine;

/// <summary>
/// Which DPOR `--strategy dpor` runs (`--dpor`). Optimal, the default as in GenMC, runs exactly one
/// execution per Mazurkiewicz trace; source (Nidhugg's default, its `--optimal` off) is source-DPOR,
/// cheaper per execution but sometimes starting executions that only repeat a trace. With a preemption
/// bound both run bounded source-DPOR.
/// </summary>
public enum DporAlgorithm { Optimal, Source }

public static class DporAlgorithmNames
{
    public static string ToName(this DporAlgorithm algorithm) => algorithm == DporAlgorithm.Optimal ? "optimal" : "source";

    public static bool TryParse(string name, out DporAlgorithm algorithm)
    {
        foreach (var a in Enum.GetValues<DporAlgorithm>())
            if (a.ToName() == name) { algorithm = a; return true; }
        algorithm = default;
        return false;
    }
}
