using ModelCheck.Engine;

namespace ModelCheck.Maps.SwissMap;

/// <summary>The directory array of table pointers (dirPtr's target once the map has tables), named so traces say which array a load returned.</summary>
internal sealed class Directory(Runtime rt, string name, int length)
{
    readonly CellArray<Table> slots = rt.NewCellArray<Table>(name, length, null!);

    public Cell<Table> this[int index] => slots[index];

    public override string ToString() => $"{slots.Name} ({slots.Length} tables)";
}
