// Drives the bot as a Teams user does: press a button, fill inputs, press the next one.
import { cardProblems, findAction, inputValues, leadsToMenu } from "./cards";
import { execute, post, type TeamsUser } from "./teams";

export class TeamsSession {
  constructor(
    private appUrl: string,
    private serviceUrl: string,
    public user: TeamsUser,
  ) {}

  /** Presses an Action.Execute; returns the card that replaces the pressed one (checked for validity). */
  async press(verb: string, data: Record<string, unknown> = {}): Promise<any> {
    const res = await post(this.appUrl, execute(this.user, this.serviceUrl, verb, { verb, ...data }));
    if (res.status !== 200) throw new Error(`invoke answered ${res.status}`);
    if (res.body.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`invoke answered a message: ${JSON.stringify(res.body)}`);
    const problems = [
      ...cardProblems(res.body.value),
      ...(leadsToMenu(res.body.value) ? [] : ["no way back to the menu"]),
      // the seeds' placeholders are said as the case's kind: a mentee or a relative, a mentor or a relative coach
      ...(/mentee\/pårørende|mentor\/pårørendecoach|mentee\/relative|mentor\/relative coach/.test(JSON.stringify(res.body.value)) ? ["a placeholder not said as the case's kind"] : []),
    ];
    if (problems.length) throw new Error(`invalid card: ${problems.join("; ")}`);
    return res.body.value;
  }

  /** Presses the card's button with `verb`, sending the card's inputs (with `changes`) as Teams does. */
  async submit(card: any, verb: string, changes: Record<string, string> = {}, pick?: (data: any) => boolean): Promise<any> {
    const action = findAction(card, verb, pick);
    return this.press(verb, { ...action.data, ...inputValues(card), ...changes });
  }
}
