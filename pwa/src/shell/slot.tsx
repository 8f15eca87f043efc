import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../auth/session';
import { type SlotName, type SlotProps, slotFillers } from '../registry';

/**
 * A named place another feature fills (see registry.ts). The container is always rendered with
 * `data-slot`, so it is easy to find; with no filler it stays empty.
 */
export function Slot<N extends SlotName>({ name, props }: { name: N; props: SlotProps[N] }) {
  const { user } = useSession();
  const [parts, setParts] = useState<Array<ComponentType<SlotProps[N]>>>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(slotFillers(name, user?.role).map((filler) => filler.load())).then((modules) => {
      if (live) setParts(modules.map((m) => m.default));
    });
    return () => {
      live = false;
    };
  }, [name, user?.role]);
  return (
    <div class="slot" data-slot={name}>
      {parts.map((Part, i) => (
        <Part key={i} {...props} />
      ))}
    </div>
  );
}
