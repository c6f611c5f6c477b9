import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card"
import { Badge } from "@/components/ui/badge"
import { Button } from "@/components/ui/button"
import { Accordion, AccordionContent, AccordionItem, AccordionTrigger } from "@/components/ui/accordion"
import { CheckCircle2, AlertTriangle, Scale, Server, Wallet, Cpu, FileText } from "lucide-react"

// The answer at a glance. Every word arrives in props, already in the user's language.
function Lines({ items }) {
  if (!items || items.length === 0) return null
  return (
    <ul className="list-disc pl-5 space-y-1 text-sm">
      {items.map((x, i) => <li key={i}>{x}</li>)}
    </ul>
  )
}

function Candidate({ c, compact }) {
  return (
    <div className="rounded-md border p-3 space-y-1 bg-card" data-testid="candidate">
      <div className="font-medium">{c.name}</div>
      <div className="text-sm flex items-center gap-2"><Server className="h-4 w-4 opacity-70" />{c.runs_as}</div>
      <div className="text-sm flex items-center gap-2"><Wallet className="h-4 w-4 opacity-70" />{c.cost}</div>
      {c.fit ? <div className="text-sm flex items-center gap-2"><Cpu className="h-4 w-4 opacity-70" />{c.fit}</div> : null}
      <div className="text-sm flex items-center gap-2"><Scale className="h-4 w-4 opacity-70" />{c.licence}</div>
      {!compact ? <div className="text-xs opacity-70">{c.context}</div> : null}
    </div>
  )
}

export default function RecommendationCard() {
  const L = props.labels || {}
  const p = props.primary
  const sections = [
    ["alternatives", L.alternatives, (props.alternatives || []).length > 0 &&
      <div className="grid grid-cols-1 sm:grid-cols-2 gap-2">{props.alternatives.map((c) => <Candidate key={c.id} c={c} compact />)}</div>],
    ["hybrid", L.hybrid, props.hybrid && <div className="space-y-1 text-sm"><p>{props.hybrid.reason}</p>
      <Lines items={props.hybrid.routes.map((r) => `${r.workload} → ${r.model} (${r.runs_as})`)} /></div>],
    ["warnings", L.warnings, (props.warnings || []).length > 0 && <Lines items={props.warnings} />],
    ["conditions", L.licence_conditions, (props.conditions || []).length > 0 && <Lines items={props.conditions} />],
    ["advice", L.advice, (props.advice || []).length > 0 && <Lines items={props.advice} />],
    ["excluded", L.excluded, (props.excluded || []).length > 0 &&
      <Lines items={props.excluded.map((e) => `${e.name}: ${e.why}`)} />],
    ["assumed", L.assumed, (props.assumed || []).length > 0 && <Lines items={props.assumed} />],
    ["sources", L.sources, (props.sources || []).length > 0 &&
      <Lines items={props.sources.map((s) => `${s.fact} — ${s.source}${s.as_of ? " (" + s.as_of + ")" : ""}`)} />],
  ].filter((s) => s[2])
  return (
    <Card className="w-full max-w-3xl" data-testid="recommendation-card">
      <CardHeader className="pb-2 space-y-2">
        <div className="text-xs uppercase tracking-wide opacity-70">{L.based_on}</div>
        <div className="flex flex-wrap gap-1">
          {(props.based_on || []).map((b, i) => <Badge key={i} variant="secondary" className="font-normal">{b}</Badge>)}
        </div>
        {p ? (
          <CardTitle className="text-xl flex items-center gap-2 pt-2">
            <CheckCircle2 className="h-5 w-5 text-green-600" />{L.recommended}: {p.name}
          </CardTitle>
        ) : (
          <CardTitle className="text-lg flex items-center gap-2 pt-2">
            <AlertTriangle className="h-5 w-5 text-amber-600" />{L.no_candidate}
          </CardTitle>
        )}
      </CardHeader>
      <CardContent className="space-y-3">
        {p ? <Candidate c={p} /> : null}
        {p && (p.reasons || []).length > 0 ? <Lines items={p.reasons} /> : null}
        {(props.would_change || []).length > 0 ? (
          <div className="space-y-1 pt-2">
            <div className="text-sm font-medium">{L.would_change}</div>
            <Lines items={props.would_change} />
          </div>
        ) : null}
        {props.rate_note ? <div className="text-xs opacity-70">{props.rate_note}</div> : null}
        {sections.length > 0 ? (
          <Accordion type="multiple" className="w-full">
            {sections.map(([key, title, body]) => (
              <AccordionItem key={key} value={key}>
                <AccordionTrigger className="text-sm">{title}</AccordionTrigger>
                <AccordionContent>{body}</AccordionContent>
              </AccordionItem>
            ))}
          </Accordion>
        ) : null}
        <div className="flex flex-wrap gap-2 pt-1">
          {(props.actions || []).map((a, i) => (
            <Button key={i} size="sm" variant="outline" data-testid="followup"
              onClick={() => callAction({ name: "advisor_followup", payload: { text: a.text, label: a.label } })}>
              {a.label}
            </Button>
          ))}
        </div>
      </CardContent>
    </Card>
  )
}
