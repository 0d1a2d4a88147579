// The tab's calls to its API, with the caller's bearer token (Teams SSO, or the local dev sign-in).
export type Figure = { value: number; n: number } | { suppressed: true };
export interface Group<K extends string = string> {
  total: Figure;
  parts: Record<K, Figure>;
}
export interface Dashboard {
  period: { from: string; to: string };
  kind: "all" | "mentor" | "relativeCoach";
  minCases: number;
  overview: {
    active: Group<"mentor" | "relativeCoach">;
    newPerMonth: Group;
    closedPerMonth: Group;
    closeReasons: Group<"goalsReached" | "noProgress" | "citizenEnded" | "moved" | "other">;
    medianDays: Figure;
  };
  progress: { firstMean: Figure; latestMean: Figure; improvingShare: Figure };
  referrals: { opened: Figure; dimensions: Record<string, Figure> };
  measures: Record<"who5" | "gse", { preMean: Figure; postMean: Figure; improvedShare?: Figure }>;
  method: { preparedShare: Figure; reflectedShare: Figure; timelyShare: Figure; checkInsAnsweredShare: Figure };
}
export interface Me {
  name: string;
  roles: string[];
  corps: { name: string };
}

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export function createApi(token: () => Promise<string>) {
  async function get<T>(path: string): Promise<T> {
    const res = await fetch(path, { headers: { authorization: `Bearer ${await token()}` } });
    if (!res.ok) throw new ApiError(res.status);
    return res.json() as Promise<T>;
  }
  const query = (q: Record<string, string | undefined>) => new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]).toString();
  return {
    /** The dashboard as a CSV file (the server decides what is hidden, as for the page). */
    async csv(q: { from?: string; to?: string; kind?: string }): Promise<Blob> {
      const res = await fetch(`../api/dashboard.csv?${query(q)}`, { headers: { authorization: `Bearer ${await token()}` } });
      if (!res.ok) throw new ApiError(res.status);
      return res.blob();
    },
    me: () => get<Me>("../api/me"),
    dashboard: (q: { from?: string; to?: string; kind?: string }) =>
      get<Dashboard>(`../api/dashboard?${query(q)}`),
  };
}
export type Api = ReturnType<typeof createApi>;
