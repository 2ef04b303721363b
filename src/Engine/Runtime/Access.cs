namespace ModelCheck.Engine;

/// <summary>
/// One access to a controlled object, kept for every step of every execution: which step and task,
/// which object (-1 for a fence), what kind and with which order. Cheap enough to be always on.
/// </summary>
public readonly record struct Access(int Step, int Task, int Object, OpKind Op, MemoryOrder Order);
